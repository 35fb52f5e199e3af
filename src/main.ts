import { mount } from 'svelte';
import course from 'virtual:course-data';
import App from './ui/App.svelte';
import { startCourse } from './app/start-course.ts';
import './ui/styles.css';

const running = startCourse(course);
mount(App, { target: document.getElementById('app')!, props: { running } });
