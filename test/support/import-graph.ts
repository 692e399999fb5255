import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The project's import graph, read by the TypeScript compiler: every import and export-from, type
// or value, `require(...)`, dynamic `import(...)`, resolved through tsconfig's paths as the build
// resolves them. Architecture tests ask it questions; nothing here is a text search.

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export type ImportEdge = {
  from: string;
  to: string;
  specifier: string;
  typeOnly: boolean;
  names: string[];
};

function sourceFiles(): string[] {
  const roots = ["app", "lib", "middleware.ts", "instrumentation.ts"];
  const files: string[] = [];
  for (const entry of roots) {
    const full = path.join(projectRoot, entry);
    if (entry.endsWith(".ts")) files.push(full);
    else
      for (const dirent of readdirSync(full, { recursive: true, withFileTypes: true }))
        if (dirent.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(dirent.name) && !dirent.parentPath.includes("generated"))
          files.push(path.join(dirent.parentPath, dirent.name));
  }
  return files;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(projectRoot, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, projectRoot).options;
}

/** Module specifiers a file uses, with whether the use is type-only and which names it takes. */
export function readSpecifiers(file: string, text = readFileSync(file, "utf8")) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; typeOnly: boolean; names: string[] }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const allTypes = !!clause?.isTypeOnly || (named.length > 0 && !clause?.name && named.every((e) => e.isTypeOnly));
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: allTypes,
        names: named.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text),
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, names: [] });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly, names: [] });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require"))
        found.push({ specifier: (node.arguments[0] as ts.StringLiteralLike).text, typeOnly: false, names: [] });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true, names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

let cached: ImportEdge[] | undefined;

/** Every edge between the project's own files (and to packages, as `to` = the package name). */
export function readImportGraph(): ImportEdge[] {
  if (cached) return cached;
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles()) {
    for (const use of readSpecifiers(file)) {
      const resolved = ts.resolveModuleName(use.specifier, file, options, host).resolvedModule;
      const to =
        resolved && !resolved.isExternalLibraryImport
          ? path.relative(projectRoot, resolved.resolvedFileName)
          : use.specifier.startsWith("@")
            ? use.specifier.split("/").slice(0, 2).join("/")
            : use.specifier.split("/")[0]!;
      edges.push({
        from: path.relative(projectRoot, file),
        to,
        specifier: use.specifier,
        typeOnly: use.typeOnly,
        names: use.names,
      });
    }
  }
  cached = edges;
  return edges;
}

/** The lib/ domain folder of a project file (lib/cart/cart-store.ts → "cart"), or null. */
export function domainOf(file: string): string | null {
  const match = /^lib\/([^/]+)\//.exec(file.split(path.sep).join("/"));
  return match ? match[1]! : null;
}

/** Strongly connected groups of more than one domain: each is a cycle. */
export function findDomainCycles(edges: ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    const a = domainOf(edge.from);
    const b = domainOf(edge.to);
    if (!a || !b || a === b || edge.typeOnly) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
  return groups;
}
