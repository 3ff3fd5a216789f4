/**
 * The one stylesheet of the pages the Form and Chat Triggers serve. It is
 * static, so the pages' Content-Security-Policy allows it by its hash and no
 * other style.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#f3f4f6;--card:#fff;--muted:#555e68;--accent:#0a58a8;--on-accent:#fff;--error:#b42318;--border:#868e96}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--card:#161b22;--muted:#a3adb8;--accent:#79b8ff;--on-accent:#0d1117;--error:#ff9a8f;--border:#6e7681}}
*{box-sizing:border-box}
body{margin:0;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:40rem;margin:1rem auto;padding:1.5rem;background:var(--card);border:1px solid var(--border);border-radius:.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
.description{color:var(--muted)}
.field{margin:1.25rem 0}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
fieldset{border:0;padding:0;margin:0;min-width:0}
.option{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.25rem 0}
input,select,textarea{font:inherit;color:inherit;background:var(--card);width:100%;padding:.5rem;border:1px solid var(--border);border-radius:.25rem}
input[type=checkbox]{width:1.1rem;height:1.1rem;margin:0}
textarea{min-height:6rem;resize:vertical}
[aria-invalid=true]{border:2px solid var(--error)}
.required{color:var(--error)}
.error{color:var(--error);font-weight:600;margin:.25rem 0 0}
.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0 0}
.summary{border:2px solid var(--error);border-radius:.25rem;padding:.75rem 1rem;margin:1rem 0}
.summary h2{font-size:1.1rem;margin:0 0 .25rem}
.summary a{color:var(--error)}
button{font:inherit;font-weight:600;padding:.6rem 1.25rem;border:0;border-radius:.25rem;background:var(--accent);color:var(--on-accent);cursor:pointer}
button:disabled{opacity:.6;cursor:progress}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.log{list-style:none;padding:0;margin:1rem 0;display:flex;flex-direction:column;gap:.5rem;max-height:60vh;overflow-y:auto}
.message{padding:.5rem .75rem;border-radius:.5rem;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere}
.message.bot{background:var(--bg);align-self:flex-start}
.message.user{background:var(--accent);color:var(--on-accent);align-self:flex-end}
.message.failed{border:2px solid var(--error)}
.composer{display:flex;gap:.5rem;align-items:flex-end}
.composer textarea{min-height:2.75rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;

/** `sha256-…` of `PAGE_STYLE`, for the pages' Content-Security-Policy (a test checks it). */
export const PAGE_STYLE_HASH = 'sha256-RNvXX27WQkoxB3rHI/ybjkdHUp0IvxIaOPyb74U8GMA=';
