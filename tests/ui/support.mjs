// Shared set-up for the browser tests: a fresh demo ledger made with the
// real CLI, the real sharetraild on 127.0.0.1 (an ephemeral port, stopped
// by its pid), Debian's chromium driven by playwright-core, and axe-core.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

export const source = process.env.SHARETRAIL_SOURCE_DIR ?? path.resolve(import.meta.dirname, '../..')
export const build = process.env.SHARETRAIL_BINARY_DIR ?? path.join(source, 'build')
export const password = 'browser-test-password-1'
// Fictional users of the demo story (scripts/demo-events).
export const users = {
  ig: 'ofsted.ig.vance', // Ofsted IG officer
  foi: 'ofsted.foi.oakes', // Ofsted FOI officer
  siro: 'ofsted.siro.holt', // Ofsted SIRO
  cqcFoi: 'cqc.foi.tallis' // an FOI officer at CQC
}

function run (cmd, args, input, okCodes = [0]) {
  const r = spawnSync(cmd, args, { cwd: source, input, encoding: 'utf8', maxBuffer: 64 << 20 })
  if (!okCodes.includes(r.status)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  }
  return r.stdout
}

// A ledger with the demo story on it and passwords for the users above.
export function makeLedger () {
  const dir = mkdtempSync(path.join(tmpdir(), 'sharetrail-ui-'))
  const ledger = path.join(dir, 'ledger')
  const st = path.join(build, 'sharetrail')
  run(st, ['--ledger', ledger, 'init', '--origin', 'ui-test.sharetrail.example/ledger'])
  run(st, ['--ledger', ledger, 'policy', 'load', '--as', 'admin', '--party', 'ofsted', '--team',
    'information-governance'])
  const events = run(path.join(source, 'scripts/demo-events'), [])
  run(st, ['--ledger', ledger, 'record', '-'], events, [0, 1]) // 1: some refused, by design
  for (const u of Object.values(users)) {
    run(st, ['--ledger', ledger, 'user', 'passwd', u, '--as', 'admin'], password + '\n')
  }
  return { dir, ledger }
}

export async function startServer (ledger, dir) {
  const portFile = path.join(dir, 'port')
  const child = spawn(path.join(build, 'sharetraild'),
    ['--ledger', ledger, '--listen', '127.0.0.1:0', '--port-file', portFile,
      '--access-log', path.join(dir, 'access.log'), '--assets', path.join(build, 'ui-assets')],
    { stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise(r => setTimeout(r, 50))
  assert.ok(existsSync(portFile), 'sharetraild did not start')
  const port = readFileSync(portFile, 'utf8').trim()
  return {
    url: `http://127.0.0.1:${port}`,
    async stop () {
      const exited = new Promise(resolve => child.once('exit', resolve))
      process.kill(child.pid, 'SIGTERM')
      await exited
    }
  }
}

export async function launch () {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
  assert.ok(existsSync(executablePath),
    `${executablePath} is missing: scripts/setup --browser installs Debian's chromium`)
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}

export async function signIn (page, url, user) {
  await page.goto(url + '/sign-in')
  await page.getByLabel('User name').fill(user)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(url + '/')
}

// axe-core at the WCAG 2.0/2.1/2.2 A and AA tags: the page must have no
// violations at all.
export async function assertAccessible (page, what) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const problems = result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
  assert.deepEqual(problems, [], `axe violations on ${what}`)
  return result.passes.length
}

// Screenshots go to build/screenshots, and to docs/screenshots when
// SHARETRAIL_SCREENSHOTS=docs (scripts/screenshots), so a test run does not
// change the source tree.
export async function screenshot (page, name) {
  const dir = process.env.SHARETRAIL_SCREENSHOTS === 'docs'
    ? path.join(source, 'docs/screenshots')
    : path.join(build, 'screenshots')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, name + '.png'), fullPage: true })
}

export function cleanup (dir) {
  rmSync(dir, { recursive: true, force: true })
}
