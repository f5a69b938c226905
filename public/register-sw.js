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
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateChosen) {
      // The new build took over: reload once, onto its files.
      updateChosen = false;
      location.reload();
    } else {
      // The first install takes the page without reloading it. What the page read before went
      // past the worker: read it again through it, so that it is there offline.
      dispatchEvent(new Event("bocal:data-updated"));
    }
  });
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
}
