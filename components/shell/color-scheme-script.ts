/**
 * The colour scheme's storage key and its pre-paint script: a plain module (no "use client"), so
 * the server layout can inline the script as a string.
 */
export const COLOR_SCHEME_STORAGE_KEY = "switchyard-color-scheme";
export const COLOR_SCHEME_MEDIA = "(prefers-color-scheme: dark)";

/**
 * Runs inline in <head> before the body paints: the same rule as isDark in color-scheme.ts, kept tiny and
 * self-contained (no imports run there). A blocked localStorage falls back to the system.
 */
export const COLOR_SCHEME_SCRIPT = `(function(){try{var p=localStorage.getItem(${JSON.stringify(COLOR_SCHEME_STORAGE_KEY)});}catch(e){}var d=p==="dark"||(p!=="light"&&window.matchMedia(${JSON.stringify(COLOR_SCHEME_MEDIA)}).matches);document.documentElement.classList.toggle("dark",d);})()`;

