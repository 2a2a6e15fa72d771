/// <reference types="vite/client" />
import type { FieldKitBridge } from '../../shared/contract';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in a browser on the headless host. */
    fieldkit?: FieldKitBridge;
  }
}
