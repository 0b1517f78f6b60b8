// The part of a client that makes calls: loaded on a client's first call (or first request through
// `raw`), not when the client is made, so that an app that makes a client loads only its checks up
// front and a bundler puts the calling code in a chunk of its own.
export { operationCaller } from "./call.js";
export { credentialMiddleware } from "./credential-middleware.js";
export { attemptTransport } from "./transport.js";
