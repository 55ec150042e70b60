// Starts `ldm lsp` for the Markdown files and the ldm.toml of a dossier: the findings of
// `ldm check`, completion and help come from ldm itself, not from a schema.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const chemin = vscode.workspace.getConfiguration('ldm').get('chemin') || 'ldm';
  const server = { command: chemin, args: ['lsp'] };
  client = new LanguageClient(
    'ldm',
    'ldm',
    { run: server, debug: server },
    {
      // ldm only answers for files inside a dossier (a folder with an ldm.toml).
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', pattern: '**/ldm.toml' },
      ],
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ldm.chemin')) {
        vscode.window.showInformationMessage(
          'ldm\u00a0: rechargez la fenêtre pour utiliser le nouveau chemin du programme.',
        );
      }
    }),
  );
  return client.start().catch((e) => {
    vscode.window.showErrorMessage(
      `ldm\u00a0: impossible de lancer «\u00a0${chemin} lsp\u00a0» (${e.message}). Installez ldm ou réglez «\u00a0ldm.chemin\u00a0».`,
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
