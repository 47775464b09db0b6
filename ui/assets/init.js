// Starts govuk-frontend's components. Loaded as a module, so browsers that
// cannot run govuk-frontend's JavaScript skip it and every page still works
// (progressive enhancement); the CSP allows no inline script, so the
// classes the GOV.UK template sets inline are set here.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
