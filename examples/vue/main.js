// A Vue host: render functions (no compiler needed); the element's properties
// are bound with Vue's `.prop` modifier equivalent (`^` for attributes, plain for props).
import '@flowloom/element/define';
import { createEngine, defineNode } from '@flowloom/engine';
import { createApp, h, markRaw, onMounted, ref } from 'vue';
import { z } from 'zod';
import { demoNodeTypes } from '../shared/demo-nodes.js';
import { samples } from '../shared/sample-workflows.js';

const params = new URLSearchParams(location.search);

createApp({
  setup() {
    const engine = markRaw(createEngine({ nodeTypes: demoNodeTypes({ defineNode, z }) }));
    const workflow = markRaw(samples[params.get('workflow') ?? 'greet-customers']());
    const status = ref('');
    const editor = ref(null);
    onMounted(() => {
      window.editor = editor.value;
    });
    return () =>
      h('div', { style: 'display:flex;flex-direction:column;height:100vh;font-family:system-ui,sans-serif' }, [
        h('header', { style: 'padding:10px 16px;background:#312e81;color:white' }, [
          'Vue host ',
          h('small', { style: 'opacity:.8' }, status.value),
        ]),
        h('workflow-editor', {
          ref: editor,
          style:
            'flex:1;min-height:0;--wf-color-accent:rgb(124, 58, 237);--wf-color-focus:rgb(124, 58, 237);--wf-canvas-bg:#f5f3ff;--wf-font-size:13px',
          engine,
          workflow,
          locale: params.get('locale') ?? undefined,
          'onWf-workflow-change': (e) => (status.value = `${e.detail.workflow.nodes.length} nodes`),
          'onWf-execution-finish': (e) => (status.value = `run ${e.detail.execution?.status}`),
        }),
      ]);
  },
}).mount('#app');
