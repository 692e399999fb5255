// Preloaded into `next build` (node --import): drops the warnings listed in expected-warnings.mjs.
import { silenceExpectedNextWarnings } from "./expected-warnings.mjs";

silenceExpectedNextWarnings();
