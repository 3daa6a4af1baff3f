import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { followDirection } from './lib/bidi';

const target = document.getElementById('app');
if (!target) throw new Error('Factdesk: #app element missing from index.html');

followDirection(target);

export default mount(App, { target });
