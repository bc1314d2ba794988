import * as path from 'node:path';
import { analyzeFile, type FileAnalysis } from '../engine/runner';
import { finalizeFile, ProjectIndex, type FileReport } from '../engine/project';
import { allCollectors, allRules, knownRuleIds, rulesById } from '../rules';
import { ConfigSet } from './config-set';
import { packageFacts } from './package-facts';
import { conventionRootOf, projectRootOf } from './files';

interface Project {
  index: ProjectIndex;
  files: Set<string>;
}

/**
 * The analyzed state of a set of projects: one walk per file version, facts per project (nearest
 * package.json), and reports finalized on demand against the current facts. The CLI fills it once;
 * the language server keeps it current as files change.
 */
export class ProjectModel {
  private readonly analyses = new Map<string, FileAnalysis>();
  private readonly projects = new Map<string, Project>();
  private readonly rootOf = new Map<string, string>();

  constructor(
    public configs: ConfigSet,
    private readonly today: () => string,
  ) {}

  private project(root: string): Project {
    let project = this.projects.get(root);
    if (!project) {
      project = { index: new ProjectIndex(), files: new Set() };
      project.index.set(path.join(root, 'package.json'), packageFacts(root));
      this.projects.set(root, project);
    }
    return project;
  }

  private readonly conventionRoots = new Map<string, string>();

  private conventionRoot(projectRoot: string): string {
    return remembered(this.conventionRoots, projectRoot, conventionRootOf);
  }

  private root(file: string): string {
    return remembered(this.rootOf, file, projectRootOf);
  }

  /**
   * Walks a file (rules on, or facts only) and stores the result. `incremental` (an editor's open
   * document) keeps its syntax tree so the next version re-parses only what changed. Returns true when the file's
   * project facts changed, i.e. other files of its project may need new reports.
   */
  update(file: string, text: string, runRules = true, incremental = false): boolean {
    const root = this.root(file);
    const relativePath = path.relative(this.conventionRoot(root), file).split(path.sep).join('/');
    const previousTree = incremental ? this.analyses.get(file)?.tree : undefined;
    const options = { rules: allRules, collectors: allCollectors, runRules, knownRuleIds, keepTree: incremental, previousTree };
    const analysis = analyzeFile(file, text, this.configs.settingsFor(file), options, relativePath);
    const project = this.project(root);
    const before = JSON.stringify(this.analyses.get(file)?.facts ?? []);
    this.analyses.set(file, analysis);
    project.files.add(file);
    project.index.set(file, analysis.facts);
    return before !== JSON.stringify(analysis.facts);
  }

  remove(file: string): boolean {
    const analysis = this.analyses.get(file);
    this.analyses.delete(file);
    const project = this.projects.get(this.root(file));
    project?.files.delete(file);
    project?.index.delete(file);
    return !!analysis && analysis.facts.length > 0;
  }

  has(file: string): boolean {
    return this.analyses.has(file);
  }

  /** The file's findings and notices against the current facts of its project. */
  report(file: string): FileReport | undefined {
    const analysis = this.analyses.get(file);
    if (!analysis) return undefined;
    const facts = this.project(this.root(file)).index;
    return finalizeFile(analysis, { rules: rulesById, settings: this.configs.settingsFor(file), facts, today: this.today() });
  }

  /** Other analyzed files of the same project (to re-report when this file's facts change). */
  siblings(file: string): string[] {
    return [...(this.projects.get(this.root(file))?.files ?? [])].filter((f) => f !== file);
  }

  /**
   * Re-reads package.json facts (after it changed). True when the package's client runtime changed,
   * so that the files under it must be analyzed again.
   */
  refreshPackage(root: string): boolean {
    this.project(root).index.set(path.join(root, 'package.json'), packageFacts(root));
    return this.configs.refreshPackage(root);
  }

  files(): string[] {
    return [...this.analyses.keys()];
  }


}

/** Looks a folder up once: the file system answers the same for every file of a run. */
function remembered(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
