import type { ReactElement } from 'react';
import { Button } from '@fluentui/react-components';
import { hrefFor } from '../app/use-hash-route.ts';
import type { RouteId } from '../app/route-ids.ts';

interface LinkButtonProps {
  to: RouteId;
  children: string;
  icon?: ReactElement;
  appearance?: 'primary' | 'secondary';
}

/** A button-looking link to another page of the app (a real link: it can be opened and announced as one). */
export function LinkButton({ to, children, icon, appearance = 'primary' }: LinkButtonProps) {
  return (
    <Button as="a" href={hrefFor(to)} appearance={appearance} icon={icon}>
      {children}
    </Button>
  );
}
