/**
 * What `whk init` writes: a config that works as it is (nothing to set before the first command), with
 * the published schema for editors and commented examples of every kind of entry. Comments are allowed
 * in whk.config.json, as in tsconfig.json. `example` is the bundled provider its first example names.
 */
export function starterConfig(example: string): string {
  const env = `${example.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_SECRET`;
  return `{
  // Editors check and complete this file with the schema whk publishes.
  "$schema": "./node_modules/whk/config.schema.json",

  // Folders of your own fixtures: every *.json in them ("id", "provider", "event", "body"; see README).
  // "fixtures": ["./webhooks"],
  "fixtures": [],

  "providers": {
    // A bundled provider (\`whk list\` names them): where its secret is and where \`whk send\` delivers.
    // Precedence: --secret or --secret-file, then WHK_SECRET, then this; with none, whk-test-secret.
    // "${example}": {
    //   "secret": { "env": "${env}" },
    //   "to": "http://localhost:8080/webhooks/${example}",
    //   "headers": { "X-Env": "test" }
    // },

    // A provider of your own: any other name, and how it signs (README, "Your own provider").
    // "acmepay": {
    //   "displayName": "AcmePay",
    //   "signature": {
    //     "algorithm": "hmac-sha256", "key": "utf8", "message": "{timestamp}.{body}", "encoding": "hex",
    //     "header": "Acme-Signature", "format": "t={timestamp},v1={signature}",
    //     "timestamp": "unix", "toleranceSeconds": 300
    //   },
    //   "headers": { "Content-Type": "application/json" },
    //   "ack": { "status": 200 },
    //   "retry": { "delaysSeconds": [60, 600, 3600] },
    //   "secret": { "env": "ACME_SECRET" }
    // }
  }
}
`;
}
