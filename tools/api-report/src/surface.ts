import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";
import { byText, type PublishablePackage, type TypesEntry } from "./workspace.ts";

/** Where an export is declared, which decides how much of it the report shows. */
export type Origin =
  /** Written by hand in this package: the report shows its declaration text. */
  | { readonly kind: "hand-written"; readonly text: string }
  /** Under a `generated/` folder (guarded by the codegen check): name and kind only. */
  | { readonly kind: "generated" }
  /** Declared by another package (a dependency, or another workspace package) and re-exported. */
  | { readonly kind: "re-exported"; readonly from: string };

export interface ExportedName {
  readonly name: string;
  /** `function`, `class`, `interface`, `type`, `const`, `let`, `enum`, `namespace`; merged ones joined by ` + `. */
  readonly kind: string;
  /** Exported with `export type`: usable as a type only, even if it is a class or a value. */
  readonly typeOnly: boolean;
  readonly origin: Origin;
}

export interface EntrySurface {
  readonly subpath: string;
  readonly types: string;
  readonly exports: ReadonlyArray<ExportedName>;
}

export interface PackageSurface {
  readonly name: string;
  readonly entries: ReadonlyArray<EntrySurface>;
}

/** A `types` target of the exports map that is not on disk: the package was not built. */
export class MissingDeclarationsError extends Error {
  override readonly name = "MissingDeclarationsError";
  readonly packageName: string;
  readonly missing: ReadonlyArray<TypesEntry>;
  constructor(packageName: string, missing: ReadonlyArray<TypesEntry>) {
    super(
      `${packageName}: declarations missing for ${missing
        .map((entry) => `"${entry.subpath}" (${entry.types})`)
        .join(", ")}; build the package first: pnpm turbo run build --filter ${packageName}`,
    );
    this.packageName = packageName;
    this.missing = missing;
  }
}

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

// Comments are dropped so that rewording a doc comment does not show as a change of surface.
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

const kindOf = (declaration: ts.Node): string | undefined => {
  if (ts.isFunctionDeclaration(declaration)) return "function";
  if (ts.isClassDeclaration(declaration)) return "class";
  if (ts.isInterfaceDeclaration(declaration)) return "interface";
  if (ts.isTypeAliasDeclaration(declaration)) return "type";
  if (ts.isEnumDeclaration(declaration)) return "enum";
  if (ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) return "namespace";
  if (ts.isVariableDeclaration(declaration)) {
    const flags = ts.getCombinedNodeFlags(declaration);
    return flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
  }
  return undefined;
};

// `export declare function f` and `declare function f; export { f }` are the same surface.
const withoutExportModifiers = (text: string): string =>
  text.replace(/^(?:export\s+)?(?:default\s+)?(?:declare\s+)?/, "");

const printStatement = (declaration: ts.Node): string => {
  const statement =
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    declaration.parent.declarations.length === 1
      ? declaration.parent.parent
      : declaration;
  return withoutExportModifiers(
    printer.printNode(ts.EmitHint.Unspecified, statement, declaration.getSourceFile()),
  );
};

const isExported = (statement: ts.Node): boolean =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

// tsc writes `class NotFound extends NotFound_base {}` with the fields in an unexported
// `declare const NotFound_base: ...` beside it: that constant is part of the class's surface.
const unexportedBases = (declaration: ts.ClassDeclaration, checker: ts.TypeChecker): ReadonlyArray<ts.Node> =>
  (declaration.heritageClauses ?? [])
    .flatMap((clause) => clause.types.map((type) => type.expression))
    .flatMap((expression) => {
      const base = ts.isIdentifier(expression)
        ? checker.getSymbolAtLocation(expression)?.valueDeclaration
        : undefined;
      return base !== undefined &&
        ts.isVariableDeclaration(base) &&
        base.getSourceFile() === declaration.getSourceFile() &&
        !isExported(base.parent.parent)
        ? [base]
        : [];
    });

const textOf = (declaration: ts.Node, packageDir: string, checker: ts.TypeChecker): string => {
  if (ts.isSourceFile(declaration))
    return `export * from "./${relative(packageDir, declaration.fileName).split(sep).join("/")}"`;
  const bases = ts.isClassDeclaration(declaration) ? unexportedBases(declaration, checker) : [];
  return [...bases, declaration].map(printStatement).join("\n");
};

const owningPackage = (file: string): string => {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { readonly name?: unknown }).name;
      if (typeof name === "string") return name;
    }
  }
  return relative(process.cwd(), file);
};

const originOf = (
  declarations: ReadonlyArray<ts.Node>,
  packageDir: string,
  checker: ts.TypeChecker,
): Origin => {
  const file = declarations[0]!.getSourceFile().fileName;
  const path = relative(packageDir, file).split(sep);
  if (path[0] === ".." || path.includes("node_modules"))
    return { kind: "re-exported", from: owningPackage(file) };
  if (path.includes("generated")) return { kind: "generated" };
  return {
    kind: "hand-written",
    text: declarations.map((node) => textOf(node, packageDir, checker)).join("\n"),
  };
};

// `export type { X }`, `export type * as ns`, `import type { X }` then `export { X }`.
const isTypeOnlyAlias = (declaration: ts.Declaration): boolean =>
  ts.isTypeOnlyImportOrExportDeclaration(declaration);

/** Follows re-exports to the declaring symbol, noting whether any step was `export type`. */
const resolve = (symbol: ts.Symbol, checker: ts.TypeChecker): { target: ts.Symbol; typeOnly: boolean } => {
  let typeOnly = false;
  let current = symbol;
  while (current.flags & ts.SymbolFlags.Alias) {
    if ((current.declarations ?? []).some(isTypeOnlyAlias)) typeOnly = true;
    current = checker.getImmediateAliasedSymbol(current) ?? checker.getAliasedSymbol(current);
  }
  return { target: current, typeOnly };
};

/**
 * The symbols a module re-exports through a chain of `export *` that has an `export type *` in it:
 * the checker lists them among the module's exports like any other, but they carry no value.
 */
const typeOnlyThroughStars = (
  file: ts.SourceFile,
  checker: ts.TypeChecker,
  underTypeOnly = false,
  seen: Set<ts.SourceFile> = new Set(),
): Set<ts.Symbol> => {
  const found = new Set<ts.Symbol>();
  if (seen.has(file)) return found;
  seen.add(file);
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause !== undefined) continue;
    const target = statement.moduleSpecifier && checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (target === undefined) continue;
    if (underTypeOnly || statement.isTypeOnly)
      for (const symbol of checker.getExportsOfModule(target)) found.add(resolve(symbol, checker).target);
    else
      for (const declaration of target.declarations ?? [])
        if (ts.isSourceFile(declaration))
          for (const symbol of typeOnlyThroughStars(declaration, checker, false, seen)) found.add(symbol);
  }
  return found;
};

const describe = (
  exported: ts.Symbol,
  checker: ts.TypeChecker,
  packageDir: string,
  typeOnlyStars: ReadonlySet<ts.Symbol>,
): ExportedName | undefined => {
  const resolved = resolve(exported, checker);
  const { target } = resolved;
  // A symbol that is not an alias came through `export *`; the alias chain says nothing of it.
  const typeOnly = resolved.typeOnly || (target === exported && typeOnlyStars.has(target));
  const declarations = (target.declarations ?? []).filter((node) => kindOf(node) !== undefined);
  if (declarations.length === 0) return undefined;
  const kinds = [...new Set(declarations.map((node) => kindOf(node)!))].sort(byText);
  return {
    name: exported.getName(),
    kind: kinds.join(" + "),
    typeOnly,
    origin: originOf(declarations, packageDir, checker),
  };
};

const missingEntries = (pkg: PublishablePackage): ReadonlyArray<TypesEntry> =>
  pkg.entries.filter((entry) => !existsSync(join(pkg.dir, entry.types)));

const surfaceIn = (program: ts.Program, pkg: PublishablePackage): PackageSurface => {
  const checker = program.getTypeChecker();
  const entries = pkg.entries.map((entry): EntrySurface => {
    const source = program.getSourceFile(join(pkg.dir, entry.types))!;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const exported = moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol);
    const typeOnlyStars = typeOnlyThroughStars(source, checker);
    const exports = exported
      .flatMap((symbol) => describe(symbol, checker, pkg.dir, typeOnlyStars) ?? [])
      .sort((a, b) => byText(a.name, b.name));
    return { subpath: entry.subpath, types: entry.types, exports };
  });
  return { name: pkg.name, entries };
};

/**
 * Reads every types entry of each package's exports map from its built declarations, in one
 * program (the packages share core's and Effect's declarations); a package with a missing
 * declaration file gets a `MissingDeclarationsError` instead.
 */
export const readSurfaces = (
  packages: ReadonlyArray<PublishablePackage>,
): ReadonlyArray<PackageSurface | MissingDeclarationsError> => {
  const built = packages.filter((pkg) => missingEntries(pkg).length === 0);
  const files = built.flatMap((pkg) => pkg.entries.map((entry) => join(pkg.dir, entry.types)));
  const program = ts.createProgram(files, compilerOptions);
  return packages.map((pkg) => {
    const missing = missingEntries(pkg);
    return missing.length > 0 ? new MissingDeclarationsError(pkg.name, missing) : surfaceIn(program, pkg);
  });
};

/** The surface of one package; throws `MissingDeclarationsError` if it is not built. */
export const readSurface = (pkg: PublishablePackage): PackageSurface => {
  const [surface] = readSurfaces([pkg]);
  if (surface instanceof MissingDeclarationsError) throw surface;
  return surface!;
};
