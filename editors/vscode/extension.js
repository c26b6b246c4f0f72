// A minimal VS Code client for `argmap lsp`: it starts the server for the YAML files of the
// workspace and passes the two settings on. Everything else is the server's.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("argmap");
  const [command, ...args] = settings.get("command", ["argmap", "lsp"]);
  const serverOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }, { scheme: "untitled", language: "yaml" }],  // untitled: a new map never saved
    initializationOptions: {
      analysisHints: settings.get("analysisHints", false),
      debounce: settings.get("debounce", 0),
    },
    synchronize: { configurationSection: "argmap" },
  };
  client = new LanguageClient("argmap", "argmap", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
