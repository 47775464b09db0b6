// Keyboard-only use of the main flows (WCAG 2.1.1, 2.4.1, 2.4.7): no mouse
// click anywhere. The skip link comes first and moves focus to the main
// content; sign-in, the navigation, a form with its decision, and the
// error summary's links all work with Tab, typing and Enter.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { cleanup, launch, makeLedger, password, startServer, users } from './support.mjs'

let env, server, browser, page

before(async () => {
  env = makeLedger()
  server = await startServer(env.ledger, env.dir)
  browser = await launch()
  page = await (await browser.newContext()).newPage()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  cleanup(env.dir)
})

// Presses Tab until the focused element matches, or fails after 80 presses.
async function tabTo (describe, matches) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const e = document.activeElement
      return { tag: e.tagName, id: e.id, text: (e.textContent ?? '').trim(), name: e.name ?? '' }
    })
    if (matches(focused)) return
  }
  assert.fail(`Tab never reached ${describe}`)
}

test('the skip link is the first stop and jumps to the main content', async () => {
  await page.goto(server.url + '/sign-in')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()),
    'Skip to main content')
  await page.keyboard.press('Enter')
  assert.match(page.url(), /#main-content$/)
})

test('sign in, open the record form, check a decision and record it, by keyboard alone', async () => {
  await page.goto(server.url + '/sign-in')
  await tabTo('the user name', f => f.id === 'user')
  await page.keyboard.type(users.ig)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.waitForURL(server.url + '/')

  await tabTo('the navigation link "Record an event"', f => f.tag === 'A' && f.text === 'Record an event')
  await page.keyboard.press('Enter')
  await page.waitForURL(server.url + '/record')
  await tabTo('the publication form link', f => f.tag === 'A' && f.text === 'publication')
  await page.keyboard.press('Enter')
  await page.waitForURL(server.url + '/record/publication')

  // Submitting empty: the error summary takes focus, its link moves focus
  // to the field.
  await tabTo('the check button', f => f.tag === 'BUTTON' && f.text === 'Check the decision')
  await page.keyboard.press('Enter')
  await page.getByText('There is a problem').waitFor()
  await page.waitForFunction(() => document.activeElement.closest('.govuk-error-summary') !== null)
  await tabTo('the first error link', f => f.tag === 'A' && /Enter Item/.test(f.text))
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-item')

  await page.keyboard.type('report-ilacs-southborough-2026')
  await tabTo('the date', f => f.id === 'f-date')
  await page.keyboard.type('2026-11-25')
  await tabTo('the check button', f => f.tag === 'BUTTON' && f.text === 'Check the decision')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: /Decision:/ }).waitFor()
  await tabTo('the record button', f => f.tag === 'BUTTON' && f.text === 'Record this event')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: /Event recorded|Refused/ }).first().waitFor()
  assert.match(await page.textContent('main'), /entry \d+/)
})

test('focus is always visible', async () => {
  await page.goto(server.url + '/')
  await tabTo('a navigation link', f => f.tag === 'A' && f.text === 'Shared with whom')
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement)
    return s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.backgroundColor !== 'rgba(0, 0, 0, 0)'
  })
  assert.ok(outline, 'the focused link has no visible focus style')
})
