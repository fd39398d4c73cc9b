import { Providers } from './app/Providers.tsx';
import { Shell } from './app/Shell.tsx';

export function App() {
  return (
    <Providers>
      <Shell />
    </Providers>
  );
}
