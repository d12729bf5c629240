import { MIN_PASSWORD_LENGTH } from '../users/add-user.js';
import { UserRole, type UserAccount } from '../users/users-file.js';
import { html, page, type PageUser } from './html-page.js';

const roleOptions = (selected?: UserRole) => UserRole.options.map((r) => html`<option value="${r}"${r === selected ? ' selected' : ''}>${r}</option>`);

/** The accounts of the users file: change a role, remove one, add one. `problem` is the last change's refusal. */
export function usersPage(accounts: readonly UserAccount[], user: PageUser, problem?: string): string {
  const csrf = html`<input type="hidden" name="_csrf" value="${user.csrfToken}">`;
  const rows = accounts.map(
    (a) => html`<tr data-user="${a.name}"><td>${a.name}</td>
<td><form method="post" action="/admin/users/${encodeURIComponent(a.name)}/role" class="inline">${csrf}<select name="role" aria-label="Role of ${a.name}">${roleOptions(a.role)}</select> <button type="submit" class="change-role">Change role</button></form></td>
<td><form method="post" action="/admin/users/${encodeURIComponent(a.name)}/remove" class="inline">${csrf}<button type="submit" class="remove-user">Remove</button></form></td></tr>`,
  );
  return page(
    'Users',
    html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
<table id="users"><thead><tr><th>Name</th><th>Role</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<h2>Add an account</h2>
<form method="post" action="/admin/users" class="add-user">${csrf}
<label>Name <input name="name" required pattern="[A-Za-z0-9._@\\-]{1,64}" autocomplete="off"></label>
<label>Role <select name="role">${roleOptions('assistant')}</select></label>
<label>Password <input name="password" type="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password"></label>
<button type="submit">Add</button></form>`,
    user,
  );
}
