/*
 * Names the operating system sees. APP_ID must equal electron-builder's appId (a test checks):
 * Windows matches toasts to the installed shortcut by it (app.setAppUserModelId).
 */
export const APP_ID = 'com.b24presence.desktop';
export const PRODUCT_NAME = 'B24 Presence';
