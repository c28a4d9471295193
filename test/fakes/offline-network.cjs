// Preloaded with `node --require` to make a process offline whatever the machine's network:
// every host name lookup fails as it does without a network (getaddrinfo ENOTFOUND).
const dns = require("node:dns");
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === "function" ? options : callback;
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
  process.nextTick(() => done(error));
};
