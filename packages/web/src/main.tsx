import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { NoticeProvider } from './components/NoticeProvider';
import { SessionProvider } from './features/auth/SessionProvider';
import { I18nProvider } from './i18n/I18nProvider';
import { theme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <I18nProvider>
        <NoticeProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </NoticeProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
