// Element Plus is not installed whole: each <el-*> tag imports its own
// component and CSS at build time (electron.vite.config.ts), so a page loads
// only what it shows. The base CSS (the --el-* variables our own styles use)
// and the CSS of the services called from script rather than from a template
// (ElMessage, ElMessageBox, ElNotification, v-loading/ElLoading) are loaded
// here once, so `import { ElMessageBox } from 'element-plus'` anywhere is
// styled without a per-file style import.
import 'element-plus/es/components/base/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/notification/style/css';
import 'element-plus/es/components/loading/style/css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './styles.css';

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app');
