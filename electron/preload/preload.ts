/**
 * Sandboxed preload, bundled to one CommonJS file: exposes only the contract's invoke/on
 * (never ipcRenderer itself). It must not import zod or contract.ts: the bundle stays tiny,
 * and the renderer validates pushes against the contract's schemas itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL_NAME } from '../shared/channels.js';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL_NAME, createBridge(ipcRenderer));
