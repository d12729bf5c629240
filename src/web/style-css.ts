/** The pages' only style sheet, served from /assets/style.css: the CSP allows no inline style. */
export const STYLE_CSS = `[hidden]{display:none!important}
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.2rem;background:#1d2330;color:#fff}
header nav{display:flex;gap:1rem;align-items:center;flex:1}header a{color:#cfe0ff}
.logout{margin-left:auto;display:flex;gap:.6rem;align-items:center}
main{padding:1rem 1.2rem;max-width:96rem}h1{font-size:1.3rem;margin:.2rem 0 .8rem}h2{font-size:1.05rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde1e8;vertical-align:top}
th{background:#eef1f5}th[data-sort]{cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.empty,.muted{color:#687084}.nowrap,#queue td.fein,#queue td.received,#ready td.fein,#ready td.effective{white-space:nowrap}
form.login{display:grid;gap:.6rem;max-width:20rem}form.login input{padding:.4rem;font:inherit}
.error{color:#a4161a;font-weight:600}button{font:inherit;padding:.3rem .8rem;cursor:pointer}
input,select{font:inherit;padding:.25rem .4rem}
.toolbar{display:flex;gap:1rem;align-items:center;margin-bottom:.6rem}#queue-filter{width:22rem}
#queue td.due{white-space:nowrap}#queue td.overdue{color:#a4161a;font-weight:600}#queue td.due-soon{color:#9a5b00;font-weight:600}
#queue tr[data-state=ready-for-underwriter],#queue tr[data-state=taken],#queue tr[data-state=duplicate]{color:#687084}
#ready tr.taken{color:#8a90a0;background:#f1f2f4}#ready td.links a{margin-right:.5rem}
form.inline{display:inline}form.add-user{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end}
.summary{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.status-pill{font-weight:600;padding:.15rem .6rem;border-radius:1rem;background:#e4e8ef}
.state-reassembling{background:#fff1c9}.state-ready-for-underwriter{background:#d6f2dc}.state-taken{background:#e4e8ef}
#key-help{background:#fff;border:1px solid #c5ccd8;padding:.4rem 1rem;margin:.6rem 0;max-width:30rem}
#key-help dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem;margin:0}#key-help dd{margin:0}
kbd{font-family:ui-monospace,monospace;background:#eef1f5;border:1px solid #c5ccd8;border-radius:3px;padding:0 .3rem}
.review-grid{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
.review-grid:has(#page-view:not([hidden])){grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
#flags{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
li.flag{display:flex;gap:1rem;justify-content:space-between;background:#fff;border:1px solid #dde1e8;border-left:5px solid #c5ccd8;padding:.5rem .8rem}
li.flag.blocking{border-left-color:#c62828}li.flag.warning{border-left-color:#ef8f00}li.flag.info{border-left-color:#7a8699}
li.flag.current{outline:3px solid #2f6fed;outline-offset:1px}li.flag.resolved{opacity:.62;border-left-color:#2e9d4f}
li.flag p{margin:.15rem 0}.flag-text{min-width:0;flex:1}.evidence{display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.severity,.code{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#505a6e}
.flag-head .path{font-weight:600}.value{font-family:ui-monospace,monospace;background:#f1f3f7;padding:0 .3rem}
.confidence{font-size:.85rem;padding:0 .3rem;border-radius:3px}
.conf-high{color:#1e7a3a}.conf-mid{color:#9a5b00}.conf-low{color:#a4161a}
.resolution{color:#1e7a3a}.action-error,.edit-error{color:#a4161a;font-weight:600}
img.crop{max-width:26rem;max-height:9rem;border:1px solid #dde1e8;align-self:center;background:#fff}
#edit-form{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end;margin:.4rem 0;padding:.4rem;background:#eef4ff;border:1px solid #b9cdf5}
#edit-form .edit-path{flex-basis:100%;margin:0;font-weight:600}
#page-view{position:sticky;top:.5rem;align-self:start;max-height:calc(100vh - 1rem);overflow:auto;background:#fff;border:1px solid #dde1e8;padding:.5rem}
.page-frame{margin:0}.page-canvas{position:relative}.page-image{display:block;width:100%;height:100%}
.box{position:absolute;border:2px solid;box-sizing:border-box;pointer-events:none}
.box.conf-high{border-color:rgba(30,122,58,.75)}.box.conf-mid{border-color:rgba(239,143,0,.9)}.box.conf-low{border-color:rgba(198,40,40,.95)}
.box.flag-box{border-style:dashed}.box.current-box{border-width:3px;border-color:#2f6fed;background:rgba(47,111,237,.12)}
/* Every value and the audit trail are laid out when scrolled to: the flags are usable before a 600-row table is. */
#values,#audit{content-visibility:auto;contain-intrinsic-size:auto 3000px}
#values td,#values th{padding:.2rem .5rem}#values td.value{background:none}#values button{padding:.05rem .5rem;font-size:.85rem}
#values td.source{font-size:.85rem;color:#505a6e}#values th[scope=row]{font-weight:500;background:#fafbfc}
#queue td.clearance-blocked,#ready td.clearance-blocked,.clearance-blocked h2,#clearance-pill.clearance-blocked{color:#a4161a;font-weight:600}#queue td.clearance-probable,.clearance-probable h2{color:#9a5b00;font-weight:600}
#clearance-pill{text-decoration:none;color:inherit}#clearance-pill.clearance-blocked{background:#fbe0e0}#clearance-pill.clearance-probable{background:#fff1c9}
.panel{background:#fff;border:1px solid #dde1e8;padding:.2rem .9rem .7rem;margin:1rem 0}.panel h3{font-size:.95rem;margin:.8rem 0 .3rem}
#clearance.clearance-blocked{border-left:5px solid #c62828}#clearance.clearance-probable{border-left:5px solid #ef8f00}
.other-broker{font-size:.8rem;background:#fbe0e0;padding:0 .3rem;border-radius:3px}
.clearance-override{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end;margin-top:.6rem}.clearance-override .reason{display:flex;flex-direction:column;flex:1;min-width:18rem}
.clearance-override textarea{font:inherit}.clearance-error{color:#a4161a;font-weight:600;flex-basis:100%}
#renewal td.old{color:#687084}#renewal tr.added td:first-child::before,#renewal li.added::marker{color:#1e7a3a}#renewal tr.removed,#renewal tr.dropped,#renewal li.removed{color:#a4161a}
#audit ol{padding-left:1.4rem}#audit li{margin:.2rem 0}#audit time{font-family:ui-monospace,monospace;color:#505a6e}#audit .actor{font-weight:600}
`;
