// No zod here: it and the contract's schemas load later, configured first (lib/zod-contract.ts).
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { connectBridge } from './lib/bridge.js';
import { HostMirror } from './state/host-mirror.svelte.js';
import { PanelActions } from './state/actions.svelte.js';
import { ViewState } from './state/view.svelte.js';

// Start-up timing marks (read by the bench, tests/bench/panel.ts): every imported module has
// been evaluated here (zod, the contract's schemas, Svelte, the components).
performance.mark('panel:modules');

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const connected = connectBridge();
const app = new HostMirror(connected.bridge);
const actions = new PanelActions(connected.bridge, app);
const view = new ViewState();
// After the browser-mode socket comes back, re-read everything: events were missed meanwhile.
connected.onReconnect(() => void app.loadSession());
// Without the host nothing on screen updates any more: say so rather than look fresh.
connected.onStatus((reachable) => (app.hostReachable = reachable));
connected.onSessionEnded(() => {
  app.hostReachable = false;
  app.hostSessionEnded = true;
});

mount(App, { target, props: { app, actions, view } });
performance.mark('panel:mounted');
void app.start();
