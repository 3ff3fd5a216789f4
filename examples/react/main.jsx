// A React host: the element is used like any DOM element; properties are set
// through a ref and events are listened to with addEventListener.
import '@flowloom/element/define';
import { createEngine, defineNode } from '@flowloom/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { demoNodeTypes } from '../shared/demo-nodes.js';
import { samples } from '../shared/sample-workflows.js';

const params = new URLSearchParams(location.search);

function App() {
  const ref = useRef(null);
  const engine = useMemo(() => createEngine({ nodeTypes: demoNodeTypes({ defineNode, z }) }), []);
  const [lastEvent, setLastEvent] = useState('');

  useEffect(() => {
    const editor = ref.current;
    editor.engine = engine;
    editor.workflow = samples[params.get('workflow') ?? 'greet-customers']();
    if (params.get('locale')) editor.locale = params.get('locale');
    window.editor = editor;
    const onChange = (e) => setLastEvent(`${e.type}: ${e.detail.workflow.nodes.length} nodes`);
    const onFinish = (e) => setLastEvent(`${e.type}: ${e.detail.execution?.status}`);
    editor.addEventListener('wf-workflow-change', onChange);
    editor.addEventListener('wf-execution-finish', onFinish);
    return () => {
      editor.removeEventListener('wf-workflow-change', onChange);
      editor.removeEventListener('wf-execution-finish', onFinish);
    };
  }, [engine]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh', fontFamily: 'Inter, system-ui, sans-serif' }}>
      <header style={{ padding: '10px 16px', background: '#064e3b', color: 'white' }}>
        React host <small style={{ marginLeft: 12, opacity: 0.8 }}>{lastEvent}</small>
      </header>
      <workflow-editor
        ref={ref}
        style={{
          flex: 1,
          minHeight: 0,
          '--wf-color-accent': 'rgb(5, 150, 105)',
          '--wf-color-focus': 'rgb(5, 150, 105)',
          '--wf-node-radius': '16px',
          '--wf-radius-lg': '0px',
        }}
      ></workflow-editor>
    </div>
  );
}

createRoot(document.getElementById('root')).render(<App />);
