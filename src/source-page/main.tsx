import { render } from 'preact';
import article from '../../assets/source/article.de.txt?raw';

const root = document.getElementById('app');
if (root) render(<pre style={{ whiteSpace: 'pre-wrap', font: '16px/1.6 serif', maxWidth: '70ch', margin: '2em auto' }}>{article}</pre>, root);
