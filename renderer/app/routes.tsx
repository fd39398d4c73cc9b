import { lazy, type ComponentType } from 'react';
import type { FluentIcon } from '@fluentui/react-icons';
import {
  ArrowSync20Filled,
  ArrowSync20Regular,
  BoxMultiple20Filled,
  BoxMultiple20Regular,
  ChartMultiple20Filled,
  ChartMultiple20Regular,
  PeopleQueue20Filled,
  PeopleQueue20Regular,
  bundleIcon,
  DocumentBulletList20Filled,
  DocumentBulletList20Regular,
  PhoneLaptop20Filled,
  PhoneLaptop20Regular,
  Settings20Filled,
  Settings20Regular,
  ShieldTask20Filled,
  ShieldTask20Regular,
  WrenchScrewdriver20Filled,
  WrenchScrewdriver20Regular,
} from '@fluentui/react-icons';
import type { RouteId } from './route-ids.ts';
import { BenchPage } from '../features/bench/BenchPage.tsx';
import { AssetsPage } from '../features/assets/AssetsPage.tsx';
import { RolloutPage } from '../features/rollout/RolloutPage.tsx';
import { RepairPage } from '../features/repair/RepairPage.tsx';
import { ProfilesPage } from '../features/profiles/ProfilesPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';

// The charts library is most of the app's JavaScript and only this page draws charts: it loads
// when the page is first opened, not with the app.
const FleetPage = lazy(async () => ({
  default: (await import('../features/fleet/FleetPage.tsx')).FleetPage,
}));

export interface RouteDefinition {
  id: RouteId;
  icon: FluentIcon;
  Page: ComponentType;
}

/** The navigation, in order. Labels come from `nav.<id>` in the locale files. */
export const ROUTES: readonly RouteDefinition[] = [
  { id: 'bench', icon: bundleIcon(PhoneLaptop20Filled, PhoneLaptop20Regular), Page: BenchPage },
  { id: 'assets', icon: bundleIcon(BoxMultiple20Filled, BoxMultiple20Regular), Page: AssetsPage },
  { id: 'rollout', icon: bundleIcon(PeopleQueue20Filled, PeopleQueue20Regular), Page: RolloutPage },
  { id: 'repair', icon: bundleIcon(WrenchScrewdriver20Filled, WrenchScrewdriver20Regular), Page: RepairPage },
  { id: 'fleet', icon: bundleIcon(ChartMultiple20Filled, ChartMultiple20Regular), Page: FleetPage },
  {
    id: 'profiles',
    icon: bundleIcon(DocumentBulletList20Filled, DocumentBulletList20Regular),
    Page: ProfilesPage,
  },
  { id: 'sync', icon: bundleIcon(ArrowSync20Filled, ArrowSync20Regular), Page: SyncPage },
  { id: 'audit', icon: bundleIcon(ShieldTask20Filled, ShieldTask20Regular), Page: AuditPage },
  { id: 'settings', icon: bundleIcon(Settings20Filled, Settings20Regular), Page: SettingsPage },
];
