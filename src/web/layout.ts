// The frame of every page: one language, a skip link, a banner with the navigation,
// one main landmark (where each page puts its single h1) and a footer.
import type { Actor } from '../commands/domain-words.js';
import { html, type SafeHtml } from '../shared/html.js';
import { CSRF_FIELD } from './session.js';

export const ASSETS_CSS = '/app/assets/site.css';

export interface Viewer {
  actor: Actor;
  csrf: string;
}

export type Section = 'decisions' | 'contracts' | 'reports' | 'audit' | 'home' | 'sign-in-cards';

const roleWords: Record<Actor['role'], string> = {
  commissioner: 'commissioner',
  provider: 'provider',
  'self-advocate': 'self-advocate',
  auditor: 'auditor',
  admin: 'administrator',
};

export function roleWord(role: Actor['role']): string {
  return roleWords[role];
}

/** The hidden CSRF field every form that posts carries. */
export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">`;
}

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own region, which
 * is named (by the table's caption words) and takes keyboard focus, so it can be scrolled
 * without a mouse; the page itself never scrolls sideways.
 */
export function tableRegion(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-region" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

function navigation(viewer: Viewer, current: Section | undefined): SafeHtml {
  const link = (section: Section, href: string, words: string) =>
    html`<li><a href="${href}"${current === section ? html` aria-current="page"` : ''}>${words}</a></li>`;
  const { role } = viewer.actor;
  const reads = role !== 'admin';
  return html`<nav class="main" aria-label="Main">
<ul>
${reads ? link('decisions', '/app/decisions', 'Decisions') : ''}
${reads ? link('contracts', '/app/contracts', 'Contracts') : ''}
${link('reports', '/app/reports/partnership-board', 'Board report')}
${role === 'auditor' ? link('audit', '/app/audit', 'Check the record') : ''}
${role === 'commissioner' || role === 'admin' ? link('sign-in-cards', '/app/sign-in-cards', 'Sign-in cards') : ''}
<li><form method="post" action="/app/sign-out">${csrfField(viewer.csrf)}<button type="submit">Sign out</button></form></li>
</ul>
</nav>`;
}

export function pageDocument(options: { title: string; body: SafeHtml; viewer?: Viewer | undefined; current?: Section }): string {
  const { viewer } = options;
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – Partnership Log</title>
<link rel="stylesheet" href="${ASSETS_CSS}">
</head>
<body>
<a class="skip-link" href="#content">Skip to the main content</a>
<header class="site">
<div class="bar">
<a class="name" href="/app">Partnership Log</a>
${viewer ? html`<p class="who">Signed in as ${viewer.actor.name} (${roleWord(viewer.actor.role)})</p>` : ''}
${viewer ? navigation(viewer, options.current) : ''}
</div>
</header>
<main id="content" tabindex="-1">
${options.body}
</main>
<footer class="site">
<p>Partnership Log: one shared record of decisions about support, made together.</p>
</footer>
</body>
</html>`.value;
}
