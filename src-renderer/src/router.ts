import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
// The dashboard is the first screen: in the main bundle. Every other page is
// its own chunk, loaded when first visited (issue 16, item 15: a light first screen).
import DashboardView from './views/DashboardView.vue';

/** The areas of the app shell, in navigation order (labels are i18n keys nav.<name>). */
export const areas: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView },
  { path: '/inventory', name: 'inventory', component: () => import('./views/InventoryView.vue') },
  { path: '/traps', name: 'traps', component: () => import('./views/TrapsView.vue') },
  { path: '/recovery', name: 'recovery', component: () => import('./views/RecoveryView.vue') },
  { path: '/firmware', name: 'firmware', component: () => import('./views/FirmwareView.vue') },
  { path: '/dump', name: 'dump', component: () => import('./views/DumpView.vue') },
  { path: '/messages', name: 'messages', component: () => import('./views/MessagesView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  { path: '/operations', name: 'operations', component: () => import('./views/OperationLogView.vue') },
  { path: '/about', name: 'about', component: () => import('./views/AboutView.vue') },
];

/** Pages reached from an area, not from the navigation. */
const pages: RouteRecordRaw[] = [
  // The printable HA Monitor Connector set-up of one cluster (from the inventory).
  { path: '/inventory/setup/:cluster', name: 'connector-setup', component: () => import('./views/ConnectorSetupView.vue') },
  // One server: identity, sensors, SEL, slots, power, LAN alerts (from the inventory, a trap, the wizard, a dashboard card).
  { path: '/servers/:name', name: 'server', component: () => import('./views/ServerView.vue') },
];

// Hash history: works from file:// in Electron and from the headless host alike.
export const router = createRouter({ history: createWebHashHistory(), routes: [...areas, ...pages] });
