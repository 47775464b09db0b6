// Progressive enhancement: with JavaScript switched off in the browser,
// every task still works — sign in, search, check a decision, record, open
// an FOI case, sign out. govuk-frontend's scripts only add polish.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { cleanup, launch, makeLedger, signIn, startServer, users } from './support.mjs'

let env, server, browser, page

before(async () => {
  env = makeLedger()
  server = await startServer(env.ledger, env.dir)
  browser = await launch()
  page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  cleanup(env.dir)
})

test('without JavaScript: sign in, search, decide, record, read a case, sign out', async () => {
  await signIn(page, server.url, users.foi)
  assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')), false)

  await page.goto(server.url + '/shared-with')
  await page.getByLabel('Item (optional)').fill('annex-a-summary-2026-10-06')
  await page.getByRole('button', { name: 'Search' }).click()
  assert.match(await page.textContent('main'), /annex-a-summary-2026-10-06/)

  await page.goto(server.url + '/record/foi.received')
  await page.getByLabel('Request', { exact: true }).fill('ofsted-foi-2026-nojs')
  await page.getByLabel('Regime', { exact: true }).selectOption('eir')
  await page.getByLabel('Received', { exact: true }).fill('2026-11-16')
  await page.getByLabel('Requester', { exact: true }).fill('wdtk-99002')
  await page.getByRole('button', { name: 'Check the decision' }).click()
  await page.getByRole('heading', { name: /Decision: Allowed/ }).waitFor()
  await page.getByRole('button', { name: 'Record this event' }).click()
  await page.getByRole('heading', { name: 'Event recorded' }).waitFor()

  await page.goto(server.url + '/foi')
  await page.getByLabel('Open a request by its reference').fill('ofsted-foi-2026-nojs')
  await page.getByRole('button', { name: 'Open' }).click()
  await page.getByRole('heading', { name: 'Request ofsted-foi-2026-nojs' }).waitFor()
  assert.match(await page.textContent('main'), /eir/)

  // The navigation is a plain list of links without JavaScript.
  await page.getByRole('link', { name: 'Ledger integrity' }).click()
  await page.getByRole('heading', { name: 'Ledger integrity' }).waitFor()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByText('You have signed out.').waitFor()
})
