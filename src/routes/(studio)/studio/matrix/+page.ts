// A read-only report with nothing to do in the browser: sent as HTML only, without the
// hydration data (a few hundred KB for a large organisation) or the app's JavaScript.
export const csr = false;
