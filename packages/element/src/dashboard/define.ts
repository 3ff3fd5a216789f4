// Side-effect entry: `import '@flowloom/element/dashboard/define'` registers <workflow-dashboard> (and not the editor).
import { defineWorkflowDashboard } from './define-workflow-dashboard.js';

defineWorkflowDashboard();

export { defineWorkflowDashboard };
