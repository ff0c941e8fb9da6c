// Sign-in cards: a commissioner or an administrator makes a personal sign-in for a
// self-advocate, shown once as a link, a QR code and a short code a supporter can type,
// on a page that prints as a card. The code is kept only as a hash (in tokens.json), works
// once and for SIGN_IN_LINK_DAYS, and can be stopped from the list here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { groupedCode, signInLinkRequest } from '../auth/sign-in-codes.js';
import type { TokenRecord } from '../auth/token-store.js';
import { PartnershipLogError } from '../errors.js';
import { html, trusted } from '../shared/html.js';
import { notFoundPage } from './dead-ends.js';
import { forbiddenPage } from './forms/record-form-routes.js';
import { csrfField, pageDocument, type Viewer } from './layout.js';
import { formValues, sendPage, signedIn, type PageContext, type PageDependencies } from './page-context.js';
import { heading } from './pictures.js';

export const CARDS_PATH = '/app/sign-in-cards';

/** The card prints alone: no banner, navigation, footer or buttons; one bordered card that is not split over pages. */
export const SIGN_IN_CARD_CSS = `
.sign-in-card { border: 3px solid #0b0c0c; padding: 1rem; max-width: 40rem; }
.card-code { display: inline-block; font-family: ui-monospace, monospace; font-size: 2rem; letter-spacing: 0.15em; overflow-wrap: anywhere; }
.card-qr svg { width: 12rem; height: 12rem; }
.card-link { overflow-wrap: anywhere; }
@media print {
  header.site, footer.site, nav, .skip-link, .no-print { display: none !important; }
  .sign-in-card { break-inside: avoid; }
}
`;

const mayMakeCards = (context: PageContext) => context.viewer.actor.role === 'commissioner' || context.viewer.actor.role === 'admin';

const dateWords = (iso: string | undefined) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }) : '';

function cardState(card: TokenRecord): string {
  if (card.revokedAt) return `Stopped on ${dateWords(card.revokedAt)}`;
  if (card.usedAt) return `Used on ${dateWords(card.usedAt)}`;
  return `Works until ${dateWords(card.expiresAt)}`;
}

type CardField = 'personId' | 'name';

function cardsPage(viewer: Viewer, cards: readonly TokenRecord[], options: { problem?: { field: CardField; message: string }; notice?: string; values?: Partial<Record<CardField, string>> } = {}): string {
  const { problem, values = {} } = options;
  const field = (name: CardField, label: string, hint: string) => {
    const message = problem?.field === name ? problem.message : undefined;
    return html`<div class="field${message ? ' has-error' : ''}">
<label for="f-${name}">${label}</label>
<p class="hint" id="f-${name}-hint">${hint}</p>
${message ? html`<p class="field-error" id="f-${name}-error">${message}</p>` : ''}
<input type="text" id="f-${name}" name="${name}" value="${values[name] ?? ''}" autocomplete="off" spellcheck="false" aria-describedby="f-${name}-hint${message ? ` f-${name}-error` : ''}"${message ? html` aria-invalid="true"` : ''}>
</div>`;
  };
  const body = html`${heading(1, 'key', 'Sign-in cards')}
${options.notice ? html`<div class="notice" role="status"><p>${options.notice}</p></div>` : ''}
${problem
  ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem</h2>
<ul><li><a href="#f-${problem.field}">${problem.message}</a></li></ul></div>`
  : ''}
<ul class="easy-read">
<li>A sign-in card lets a self-advocate sign in on their own.</li>
<li>The card has a short code and a square picture to scan.</li>
<li>The code works once. Then the person stays signed in.</li>
<li>You see the code only once, when you make the card. Print it then.</li>
</ul>
<h2>Make a card</h2>
<form method="post" action="${CARDS_PATH}" novalidate>
${csrfField(viewer.csrf)}
${field('personId', 'The person’s id', 'It looks like P-7K2Q9M.')}
${field('name', 'The name on the card', 'The name the person likes to be called.')}
<p><button type="submit">Make the card</button></p>
</form>
<h2>Cards made</h2>
${cards.length === 0
  ? html`<p>No cards yet.</p>`
  : html`<ul class="cards">${cards.map(
      (card) => html`<li><strong>${card.name}</strong> (${card.personId ?? ''}): ${cardState(card)}.
${card.revokedAt || card.usedAt
  ? ''
  : html`<form method="post" action="${CARDS_PATH}/${card.id}/stop">${csrfField(viewer.csrf)}<button type="submit" class="secondary">Stop the card for ${card.name}</button></form>`}</li>`,
    )}</ul>`}`;
  return pageDocument({ title: problem ? 'Error: Sign-in cards' : 'Sign-in cards', body, viewer, current: 'sign-in-cards' });
}

async function cardPage(viewer: Viewer, card: TokenRecord, code: string, origin: string): Promise<string> {
  const shown = groupedCode(code);
  const link = `${origin}/app/sign-in?code=${shown}`;
  // Inline SVG: no script and no other request, so the card works under the pages' strict CSP.
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const named = svg.replace('<svg ', '<svg role="img" aria-label="A square code to scan with a phone camera. It opens the sign-in page with your code." focusable="false" ');
  const body = html`<p class="no-print"><a href="${CARDS_PATH}">Back to sign-in cards</a></p>
<div class="notice no-print" role="status"><p>The card is made. Print it now: the code is shown only this once.</p></div>
<section class="sign-in-card" aria-labelledby="card-title">
${heading(1, 'key', `Sign-in card for ${card.name}`, 'card-title')}
<ol class="easy-read">
<li>Go to <span class="card-link">${origin}/app/sign-in</span></li>
<li>Type this code: <strong class="card-code" id="card-code">${shown}</strong></li>
<li>Or scan the square picture with a phone camera.</li>
<li>The code works once. It works until ${dateWords(card.expiresAt)}.</li>
<li>Keep this card safe. Do not show the code to other people.</li>
</ol>
<figure class="card-qr">${trusted(named)}</figure>
<p>The link: <a class="card-link" href="${link}">${link}</a></p>
</section>`;
  return pageDocument({ title: `Sign-in card for ${card.name}`, body, viewer, current: 'sign-in-cards' });
}

const cardsOf = (deps: PageDependencies) => deps.tokens.list().filter((t) => t.kind === 'sign-in-link').reverse();

export function signInCardPages(app: FastifyInstance, deps: PageDependencies): void {
  const allowed = (request: FastifyRequest, reply: FastifyReply) => {
    const context = signedIn(request, reply, deps);
    if (!context) return undefined;
    if (mayMakeCards(context)) return context;
    void forbiddenPage(reply, context.viewer);
    return undefined;
  };

  app.get(CARDS_PATH, async (request, reply) => {
    const context = allowed(request, reply);
    if (!context) return reply;
    const stopped = (request.query as Record<string, unknown>).stopped === '1';
    return sendPage(reply, cardsPage(context.viewer, cardsOf(deps), stopped ? { notice: 'The card was stopped. It no longer signs anyone in.' } : {}));
  });

  app.post(CARDS_PATH, async (request, reply) => {
    const context = allowed(request, reply);
    if (!context) return reply;
    const values = formValues(request.body);
    const typed = { personId: String(values.personId ?? '').trim().toUpperCase(), name: String(values.name ?? '').trim() };
    const parsed = signInLinkRequest.safeParse(typed);
    if (!parsed.success) {
      const problem = parsed.error.issues.some((i) => i.path[0] === 'personId')
        ? { field: 'personId' as const, message: 'Please type the person’s id. It looks like P-7K2Q9M.' }
        : { field: 'name' as const, message: 'Please type the name on the card.' };
      return sendPage(reply, cardsPage(context.viewer, cardsOf(deps), { problem, values: typed }), 400);
    }
    const { code, record } = await deps.tokens.createSignInLink(parsed.data, new Date(deps.now()), deps.signInLinkMs);
    return sendPage(reply, await cardPage(context.viewer, record, code, `${request.protocol}://${request.host}`));
  });

  app.post<{ Params: { id: string } }>(`${CARDS_PATH}/:id/stop`, async (request, reply) => {
    const context = allowed(request, reply);
    if (!context) return reply;
    // These routes sit outside the /app prefix's not-found handler, so callNotFound would answer the API's JSON.
    const noSuchCard = () => sendPage(reply, notFoundPage(context.viewer, 'record'), 404);
    if (!cardsOf(deps).some((card) => card.id === request.params.id)) return noSuchCard();
    try {
      await deps.tokens.revoke(request.params.id, new Date(deps.now()).toISOString());
    } catch (err) {
      if (err instanceof PartnershipLogError && err.code === 'PL_ERR_TOKEN_NOT_FOUND') return noSuchCard();
      throw err;
    }
    return reply.redirect(`${CARDS_PATH}?stopped=1`, 303);
  });
}
