// jsdom lacks CSS.escape, which Designsystemet's components call; the browser has it.
if (typeof globalThis.CSS === 'undefined' || typeof globalThis.CSS.escape !== 'function') {
  Object.defineProperty(globalThis, 'CSS', {
    value: { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) },
    configurable: true,
  });
}

// jsdom lacks document.getAnimations, which Designsystemet's Spinner calls to keep spinners in step.
if (typeof document !== 'undefined' && typeof document.getAnimations !== 'function') {
  Object.defineProperty(document, 'getAnimations', { value: () => [], configurable: true });
}
