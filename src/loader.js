// Boots the WebAssembly app. A file of its own (not Trunk's inline loader) so
// the page's Content-Security-Policy can forbid every inline script.
import init from './keyhole.js';

init();
