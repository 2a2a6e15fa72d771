import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload-bridge';

// The sandboxed preload: the renderer gets window.fieldkit and nothing else
// (no ipcRenderer, no Node).
contextBridge.exposeInMainWorld('fieldkit', createBridge(ipcRenderer));
