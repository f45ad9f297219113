/** Goes to a tab route written as an href (`#/incidents?status=reported`). */
export function navigateToHref(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}
