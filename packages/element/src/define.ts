// Side-effect entry: `import '@flowloom/element/define'` registers <workflow-editor>.
import { defineWorkflowEditor } from './define-workflow-editor.js';

defineWorkflowEditor();

export { defineWorkflowEditor };
