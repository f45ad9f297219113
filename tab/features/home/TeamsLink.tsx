/**
 * A link into Teams (a chat, a message). Inside Teams the host opens it (teams-js `app.openLink`),
 * so the person lands in the chat rather than in a browser tab; outside Teams it opens in a new tab.
 */
import { Link } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useSession } from '../../app/session';

export function TeamsLink({ url, children, className }: { url: string; children: ReactNode; className?: string }) {
  const { host } = useSession();
  return (
    <Link
      className={className}
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (!host.teams) return;
        e.preventDefault();
        void host.teams.app.openLink(url).catch(() => window.open(url, '_blank', 'noopener'));
      }}
    >
      {children}
    </Link>
  );
}
