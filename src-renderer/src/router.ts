import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import AboutView from './views/AboutView.vue';
import ConnectorSetupView from './views/ConnectorSetupView.vue';
import DashboardView from './views/DashboardView.vue';
import DumpView from './views/DumpView.vue';
import FirmwareView from './views/FirmwareView.vue';
import InventoryView from './views/InventoryView.vue';
import MessagesView from './views/MessagesView.vue';
import OperationLogView from './views/OperationLogView.vue';
import RecoveryView from './views/RecoveryView.vue';
import SettingsView from './views/SettingsView.vue';
import TrapsView from './views/TrapsView.vue';

/** The areas of the app shell, in navigation order (labels are i18n keys nav.<name>). */
export const areas: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView },
  { path: '/inventory', name: 'inventory', component: InventoryView },
  { path: '/traps', name: 'traps', component: TrapsView },
  { path: '/recovery', name: 'recovery', component: RecoveryView },
  { path: '/firmware', name: 'firmware', component: FirmwareView },
  { path: '/dump', name: 'dump', component: DumpView },
  { path: '/messages', name: 'messages', component: MessagesView },
  { path: '/settings', name: 'settings', component: SettingsView },
  { path: '/operations', name: 'operations', component: OperationLogView },
  { path: '/about', name: 'about', component: AboutView },
];

/** Pages reached from an area, not from the navigation. */
const pages: RouteRecordRaw[] = [
  // The printable HA Monitor Connector set-up of one cluster (from the inventory).
  { path: '/inventory/setup/:cluster', name: 'connector-setup', component: ConnectorSetupView },
];

// Hash history: works from file:// in Electron and from the headless host alike.
export const router = createRouter({ history: createWebHashHistory(), routes: [...areas, ...pages] });
