// Imported first by main.tsx. zod otherwise probes `new Function` on first parse, which the
// station's CSP (no 'unsafe-eval') reports as a violation even though zod swallows the error.
import { z } from 'zod';

z.config({ jitless: true });
