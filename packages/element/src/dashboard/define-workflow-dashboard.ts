import { WorkflowDashboard } from './workflow-dashboard.component.js';

/**
 * Registers the dashboard under a tag name (default `workflow-dashboard`),
 * for white-label use under the host's own name. A tag already defined is
 * left alone, so calling it twice (or with two copies of the package) is
 * safe. Returns the class registered under that name. It registers nothing
 * of the editor: a page can show the dashboard without loading it.
 *
 * @example
 * defineWorkflowDashboard('acme-insights');
 */
export function defineWorkflowDashboard(tagName = 'workflow-dashboard'): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;
  // Each tag needs its own class: a constructor can be registered once only.
  const ctor = tagName === 'workflow-dashboard' ? WorkflowDashboard : class extends WorkflowDashboard {};
  customElements.define(tagName, ctor);
  return ctor;
}
