// Tasks run a few at a time. A request's timeout runs from when the page makes it (api.js), so a hundred made at once
// wait on each other: on a busy server the last are answered after their timeout, though one at a time each would not be.

/** A function that runs the `task` given to it once fewer than `most` of the tasks given to it are running; it resolves as the task does. */
export function fewAtOnce(most) {
  let running = 0;
  const waiting = [];
  const next = () => {
    if (running >= most || waiting.length === 0) return;
    running++;
    const { task, resolve, reject } = waiting.shift();
    Promise.resolve().then(task).then(resolve, reject).finally(() => {
      running--;
      next();
    });
  };
  return task => new Promise((resolve, reject) => {
    waiting.push({ task, resolve, reject });
    next();
  });
}
