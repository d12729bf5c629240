/** The pages' only style sheet, served from /assets/style.css: the CSP allows no inline style. */
export const STYLE_CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.2rem;background:#1d2330;color:#fff}
header nav{display:flex;gap:1rem;align-items:center;flex:1}header a{color:#cfe0ff}
.logout{margin-left:auto;display:flex;gap:.6rem;align-items:center}
main{padding:1rem 1.2rem;max-width:72rem}h1{font-size:1.3rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde1e8}
th{background:#eef1f5}.state{font-family:ui-monospace,monospace}.empty{color:#687084}
form.login{display:grid;gap:.6rem;max-width:20rem}form.login input{padding:.4rem;font:inherit}
.error{color:#a4161a;font-weight:600}button{font:inherit;padding:.3rem .8rem}
`;
