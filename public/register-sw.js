// Installs Bocal's service worker (public/sw.js) and passes its news to the app as window
// events, which the app (src/app/offline.rs) listens to:
//   bocal:data-updated  stored data changed: pages re-read it;
//   bocal:unreachable   the network failed: the offline banner shows;
//   bocal:reachable     the network answered a read behind the page: the banner goes;
//   bocal:update-ready  a new build is installed and waits (also kept as <html data-update-ready>,
//                       for an app that starts after the news).
// The app asks for the new build with the event bocal:apply-update; the page then reloads once.
if ("serviceWorker" in navigator) {
  // Set when the person chose "Recharger": the next change of worker is that new build.
  let updateChosen = false;
  const announceUpdate = () => {
    document.documentElement.dataset.updateReady = "true";
    dispatchEvent(new Event("bocal:update-ready"));
  };
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && typeof event.data.type === "string") {
      dispatchEvent(new Event(`bocal:${event.data.type}`));
    }
  });
  // Whether a worker controlled the page when it opened: if not, the first worker to take it
  // is the very first install.
  const openedUnderWorker = navigator.serviceWorker.controller !== null;
  let firstTakeOverDone = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateChosen) {
      // The new build took over: reload once, onto its files.
      updateChosen = false;
      location.reload();
    } else if (!openedUnderWorker && !firstTakeOverDone) {
      // The first install takes the page without reloading it. What the page read before went
      // past the worker: read it again through it, so that it is there offline.
      firstTakeOverDone = true;
      storeWhatWasRead();
    } else {
      // Another tab took a new build: the pages read their data again through it.
      dispatchEvent(new Event("bocal:data-updated"));
    }
  });
  // Reads again, through the worker (which stores the answers), what the page read from the API
  // before the worker took it: what it read already, and what it was reading at that moment
  // (its entry comes when it ends). Here and not by the app, which would draw its page again
  // with the same data: on a cheap phone, the longest task of a first visit. Resource timing
  // does not say the method: a URL the page only wrote to is read too, and its refusal is not
  // stored.
  const storeWhatWasRead = () => {
    const tookOverAt = performance.now();
    const reread = new Set();
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const url = new URL(entry.name);
        const pastTheWorker = entry.initiatorType === "fetch" && entry.startTime < tookOverAt;
        const apiRead = url.origin === location.origin && url.pathname.startsWith("/api/");
        if (pastTheWorker && apiRead && !reread.has(url.href)) {
          reread.add(url.href);
          fetch(url).catch(() => {});
        }
      }
    }).observe({ type: "resource", buffered: true });
  };
  // Installed once the page has loaded: the worker downloads every part of the app for offline
  // use, which must not share a slow connection with the first visit's own download.
  addEventListener("load", () => {
    navigator.serviceWorker
      .register("/sw.js")
      .then((registration) => {
        const watch = (worker) =>
          worker.addEventListener("statechange", () => {
            if (worker.state === "installed" && navigator.serviceWorker.controller) {
              announceUpdate();
            }
          });
        if (registration.waiting && navigator.serviceWorker.controller) {
          announceUpdate();
        }
        if (registration.installing) {
          watch(registration.installing);
        }
        registration.addEventListener("updatefound", () => watch(registration.installing));
        addEventListener("bocal:apply-update", () => {
          if (registration.waiting) {
            updateChosen = true;
            registration.waiting.postMessage("apply-update");
          }
        });
        // A tab left open for days still hears of new builds.
        setInterval(() => registration.update(), 30 * 60 * 1000);
      })
      .catch(() => {
        // No worker (a debug build has none, or the browser refuses): the app works online only.
      });
  });
}
