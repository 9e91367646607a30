// AppAuth-JS (@openid/appauth 1.4.0) ships ES modules whose relative imports have no ".js" (it expects a bundler),
// which Node's ES module loader refuses. This resolve hook adds the ".js" (or "/index.js") Node asks for, for
// relative imports only; appauth.mjs registers it before it imports AppAuth. Nothing of AppAuth is changed.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const relative = /^\.{1,2}\//.test(specifier);
    if (relative && e.code === "ERR_MODULE_NOT_FOUND" && !specifier.endsWith(".js")) {
      return next(`${specifier}.js`, context);
    }
    if (relative && e.code === "ERR_UNSUPPORTED_DIR_IMPORT") {
      return next(`${specifier}/index.js`, context);
    }
    throw e;
  }
}
