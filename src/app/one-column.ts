/** The media query under which the page stacks in one column (App.module.css, its `max-width: 900px` block). */
export const ONE_COLUMN = '(max-width: 900px)';
