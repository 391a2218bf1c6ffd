// tathya serve: the one event stream of every open page of the site. Each
// page is told the last build's number when it connects, and each new one.
const pages = new Set();
let last = null;
const events = new EventSource("/__tathya/events");
events.onmessage = (event) => {
  last = event.data;
  for (const page of pages) page.postMessage(last);
};
onconnect = (event) => {
  const page = event.ports[0];
  pages.add(page);
  page.start();
  if (last !== null) page.postMessage(last);
};
