// The main flows of the web UI in a real browser against the real
// sharetraild: sign in, record a share that is allowed and one that is
// refused (with its citation), search shared-with-whom and download CSV,
// open an item's provenance and an entry's proof, work an FOI case to its
// response, and try a deletion under the IICSA hold. Every page visited is
// checked with axe-core (WCAG 2.2 AA tags) and photographed.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  assertAccessible, cleanup, launch, makeLedger, screenshot, signIn, startServer, users
} from './support.mjs'

let env, server, browser, page

before(async () => {
  env = makeLedger()
  server = await startServer(env.ledger, env.dir)
  browser = await launch()
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  page = await context.newPage()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  cleanup(env.dir)
})

test('a page that needs a user sends the browser to sign in, and back after', async () => {
  await page.goto(server.url + '/holds')
  assert.match(page.url(), /\/sign-in\?next=%2Fholds|\/sign-in\?next=\/holds/)
  await assertAccessible(page, 'sign-in')
  await screenshot(page, 'sign-in')
  // A wrong password: the GOV.UK error summary, and no session.
  await page.getByLabel('User name').fill(users.ig)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('There is a problem').waitFor()
  assert.match(await page.title(), /^Error: /)
  await assertAccessible(page, 'sign-in with an error')
})

test('the IG officer signs in and sees the dashboard', async () => {
  await signIn(page, server.url, users.ig)
  await page.getByRole('heading', { name: 'What needs attention' }).waitFor()
  assert.ok(await page.getByRole('table', { name: 'Holds in force' }).isVisible())
  await assertAccessible(page, 'home')
  await screenshot(page, 'home')
})

async function fillShare (share) {
  await page.getByLabel('Items', { exact: true }).fill(share.items)
  await page.getByLabel('To', { exact: true }).fill(share.to)
  await page.getByLabel('Agreement', { exact: true }).fill(share.agreement)
  await page.getByLabel('Purpose', { exact: true }).selectOption(share.purpose)
  await page.getByLabel('Lawful basis', { exact: true }).fill('MOU Ofsted-DfE s12 and Annex A')
  await page.getByLabel('Necessity', { exact: true }).fill('DfE monitors serious incidents')
  await page.getByLabel('Decided by', { exact: true }).fill(users.ig)
  await page.getByLabel('Method', { exact: true }).selectOption(share.method)
  for (const [label, value] of Object.entries(share.more ?? {})) {
    await page.getByLabel(label, { exact: true }).fill(value)
  }
}

test('a share that is allowed: the decision before, then recorded', async () => {
  await page.goto(server.url + '/record/share')
  await assertAccessible(page, 'record share form')
  await fillShare({
    items: 'annex-a-summary-2026-10-05',
    to: 'dfe',
    agreement: 'ofsted-dfe-notifiable-incidents',
    purpose: 'safeguarding',
    method: 'secure_platform',
    more: {
      'To team (optional)': 'scr-secretariat',
      'Fields (optional)': 'reference_number\nlocal_authority\nchilds_initials\ngender\nage\n' +
        'date_of_incident\ndate_notification_was_received\nnature_of_notification\n' +
        'legal_status_of_child\nchild_protection_plan_at_time_or_previously\n' +
        'involvement_of_agencies\nscr_status',
      'Handling (optional)': 'Secure platform only; password sent separately'
    }
  })
  await page.getByLabel('Classification (optional)').selectOption('official-sensitive')
  await page.getByRole('group', { name: 'Password protected' }).getByLabel('Yes').check()
  await page.getByRole('button', { name: 'Check the decision' }).click()
  await page.getByRole('heading', { name: /Decision: Allowed/ }).waitFor()
  assert.ok(await page.getByText('Nothing is recorded yet').isVisible())
  await assertAccessible(page, 'share decision')
  await screenshot(page, 'record-decision')
  await page.getByRole('button', { name: 'Record this event' }).click()
  await page.getByRole('heading', { name: 'Event recorded' }).waitFor()
  assert.match(await page.textContent('main'), /share recorded as entry \d+/)
  await assertAccessible(page, 'event recorded')
})

test('a share that is refused shows the rule and its seed citation, and is recorded', async () => {
  await page.goto(server.url + '/record/share')
  await fillShare({
    items: 'report-ilacs-southborough-2026',
    to: 'cqc',
    agreement: 'inspectorates-isp',
    purpose: 'respond_to_queries',
    method: 'secure_email'
  })
  await page.getByRole('button', { name: 'Record without checking' }).click()
  await page.getByRole('heading', { name: 'Refused', exact: true }).waitFor()
  const text = await page.textContent('main')
  assert.match(text, /embargo\.|share\./)
  assert.match(text, /001_299748955bfc14b8\.txt/)
  assert.match(text, /The refusal is recorded on the ledger as entry \d+/)
  await assertAccessible(page, 'refusal')
  await screenshot(page, 'record-refused')
})

test('a form with missing answers shows the error summary linked to the fields', async () => {
  await page.goto(server.url + '/record/share')
  await page.getByRole('button', { name: 'Check the decision' }).click()
  await page.getByText('There is a problem').waitFor()
  await page.getByRole('link', { name: /Enter Items/ }).click()
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-items')
  await assertAccessible(page, 'record form with errors')
})

test('shared with whom: search, and download the answer as CSV', async () => {
  await page.goto(server.url + '/shared-with')
  await page.getByLabel('Agreement (optional)').fill('ofsted-dfe-notifiable-incidents')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('table', { name: 'Shares' }).waitFor()
  assert.match(await page.textContent('main'), /annex-a-summary-2026-10-05/)
  await assertAccessible(page, 'shared-with')
  await screenshot(page, 'shared-with')
  const href = await page.getByRole('link', { name: 'Download these shares as CSV' })
    .getAttribute('href')
  const csv = await page.request.get(new URL(href, server.url).href)
  assert.equal(csv.status(), 200)
  const body = await csv.text()
  assert.match(body.split('\n')[0], /^seq,time,from,to,agreement/)
  assert.match(body, /annex-a-summary-2026-10-05/)
})

test("an item's provenance, and one entry's inclusion proof", async () => {
  await page.goto(server.url + '/items/report-ilacs-northshire-2026')
  await page.getByRole('table', { name: 'Provenance' }).waitFor()
  assert.ok(await page.getByRole('note', { name: 'Classification' }).isVisible())
  assert.match(await page.textContent('main'), /\d+\/\d+ verified/)
  await assertAccessible(page, 'item')
  await screenshot(page, 'item')
  await page.getByRole('link', { name: 'Inclusion proof' }).first().click()
  await page.getByRole('heading', { name: /inclusion proof/ }).waitFor()
  const text = await page.textContent('main')
  assert.match(text, /Audit path/)
  assert.match(text, /ui-test\.sharetrail\.example\/ledger/) // the signed checkpoint's origin
  await assertAccessible(page, 'proof')
  await screenshot(page, 'proof')
})

test('an FOI case worked to its response', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByText('You have signed out.').waitFor()
  await assertAccessible(page, 'signed out')
  await signIn(page, server.url, users.foi)
  await page.goto(server.url + '/record/foi.received')
  await page.getByLabel('Request', { exact: true }).fill('ofsted-foi-2026-ui-1')
  await page.getByLabel('Regime', { exact: true }).selectOption('foia')
  await page.getByLabel('Received', { exact: true }).fill('2026-11-02')
  await page.getByLabel('Requester', { exact: true }).fill('wdtk-99001')
  await page.getByLabel('Items (optional)').fill('annex-a-summary-2026-10-06')
  await page.getByRole('button', { name: 'Record without checking' }).click()
  await page.getByRole('heading', { name: 'Event recorded' }).waitFor()

  await page.goto(server.url + '/foi/ofsted-foi-2026-ui-1')
  await page.getByRole('heading', { name: 'Request ofsted-foi-2026-ui-1' }).waitFor()
  // The 20th working day following Monday 2 November is Tuesday 1 December:
  // 30 November, St Andrew's Day, is a bank holiday in a part of the UK, so
  // not a working day (FOIA s10(6); policies/calendar.h).
  assert.match(await page.textContent('main'), /Due2026-12-01/)
  assert.match(await page.textContent('main'), /dfe.*not yet informed/)
  await assertAccessible(page, 'foi case')
  await screenshot(page, 'foi-case')

  await page.getByRole('link', { name: 'foi.informed' }).click()
  await page.getByLabel('Party', { exact: true }).fill('dfe')
  await page.getByRole('button', { name: 'Record without checking' }).click()
  await page.getByRole('heading', { name: 'Event recorded' }).waitFor()

  await page.goto(server.url + '/foi/ofsted-foi-2026-ui-1')
  await page.getByRole('link', { name: 'foi.responded' }).click()
  assert.equal(await page.getByLabel('Request', { exact: true }).inputValue(), 'ofsted-foi-2026-ui-1')
  await page.getByLabel('Date', { exact: true }).fill('2026-11-20')
  await page.getByLabel('Outcome', { exact: true }).selectOption('disclosed')
  await page.getByRole('button', { name: 'Check the decision' }).click()
  await page.getByRole('heading', { name: /Decision: Allowed/ }).waitFor()
  await page.getByRole('button', { name: 'Record this event' }).click()
  await page.getByRole('heading', { name: 'Event recorded' }).waitFor()
  await page.goto(server.url + '/foi/ofsted-foi-2026-ui-1')
  assert.match(await page.textContent('main'), /answered/)
  assert.match(await page.textContent('main'), /dfe.*: informed/)
})

test('a deletion under the IICSA hold is refused, with the hold and its citation', async () => {
  await page.goto(server.url + '/holds?item=notification-20190614-1187')
  assert.match(await page.textContent('main'), /iicsa-no-destroy/)
  await assertAccessible(page, 'holds')
  await screenshot(page, 'holds')
  await page.goto(server.url + '/record/deletion.requested?item=notification-20190614-1187')
  await page.getByLabel('Request', { exact: true }).fill('del-2026-ui-1')
  await page.getByLabel('Reason', { exact: true }).fill('Records review')
  await page.getByRole('button', { name: 'Record without checking' }).click()
  await page.getByRole('heading', { name: 'Refused', exact: true }).waitFor()
  const text = await page.textContent('main')
  assert.match(text, /hold\.iicsa/)
  assert.match(text, /Independent Inquiry into Child Sexual Abuse/)
  assert.match(text, /000_1b487c77bcc4859b\.txt/)
})

test('every other page passes axe and is photographed', async () => {
  for (const [path, name] of [
    ['/foi', 'foi'], ['/agreements', 'agreements'], ['/integrity', 'integrity'],
    ['/report?year=2026', 'report'], ['/record', 'record'], ['/no-such-page', null]]) {
    await page.goto(server.url + path)
    await assertAccessible(page, path)
    if (name) await screenshot(page, name)
  }
  await page.goto(server.url + '/integrity')
  await page.getByRole('button', { name: 'Verify the whole ledger now' }).click()
  await page.getByText('Passed').waitFor()
  await assertAccessible(page, 'integrity after verify')
  await screenshot(page, 'integrity')
})
