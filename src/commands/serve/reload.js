// tathya serve: reloads the page when the site has been built again (or a
// build failed). Only `tathya serve` adds this script to the pages it
// serves; a built site never has it. The pages of a site share one event
// stream through a shared worker: a browser opens at most six connections
// to a host, and a stream each would leave a seventh tab waiting.
(() => {
  const script = document.currentScript;
  const shown = script ? script.dataset.generation : null;
  const told = (generation) => {
    if (String(generation) !== shown) location.reload();
  };
  if (typeof SharedWorker === "function") {
    const worker = new SharedWorker("/__tathya/worker.js");
    worker.port.onmessage = (event) => told(event.data);
    worker.port.start();
  } else {
    const events = new EventSource("/__tathya/events");
    events.onmessage = (event) => told(event.data);
  }
})();
