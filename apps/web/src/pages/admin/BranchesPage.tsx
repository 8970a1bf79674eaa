import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { ErrorBox, Field, Spinner } from '../../ui/components';
import { useAdminScope } from './AdminLayout';
import {
  BRANCH_TYPES,
  buildTree,
  childTypeOf,
  isBranchCode,
  mergeTargets,
  moveTargets,
  type BranchNode,
  type BranchType,
} from './tree';
import { MinusIcon, PlusIcon } from '../../ui/icons';

type Branch = Schema<'BranchResponse'>;

export function BranchesPage() {
  const { t } = useTranslation('admin');
  const scope = useAdminScope();
  const subtree = useQuery({
    queryKey: ['admin', 'subtree', scope.id],
    queryFn: async () =>
      unwrap(await api.GET('/api/branches/{id}/subtree', { params: { path: { id: scope.id } } })),
  });
  const tree = useMemo(
    () => (subtree.data ? buildTree(subtree.data, scope.id) : undefined),
    [subtree.data, scope.id],
  );
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([scope.id]));
  const [editing, setEditing] = useState<string>();
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="stack">
      <h1>{t('branches.title')}</h1>
      <p className="muted">{t('branches.intro', { name: scope.name })}</p>
      {subtree.isPending ? (
        <Spinner />
      ) : subtree.isError ? (
        <ErrorBox error={subtree.error} onRetry={() => void subtree.refetch()} />
      ) : !tree ? (
        <ErrorBox error={new Error('missing root')} />
      ) : (
        <div className="card">
          <ul className="branch-tree" aria-label={t('branches.treeLabel')}>
            <TreeNode
              node={tree}
              tree={tree}
              expanded={expanded}
              onToggle={toggle}
              editing={editing}
              onEdit={setEditing}
              onExpand={(id) => setExpanded((current) => new Set(current).add(id))}
            />
          </ul>
        </div>
      )}
    </div>
  );
}

function TreeNode({
  node,
  tree,
  expanded,
  onToggle,
  editing,
  onEdit,
  onExpand,
}: {
  node: BranchNode;
  tree: BranchNode;
  expanded: Set<string>;
  onToggle: (id: string) => void;
  editing: string | undefined;
  onEdit: (id: string | undefined) => void;
  onExpand: (id: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { branch, children } = node;
  const open = expanded.has(branch.id);
  const groupId = `branch-children-${branch.id}`;
  const isEditing = editing === branch.id;
  return (
    <li data-testid="branch-node" data-branch-id={branch.id}>
      <div className="branch-line" data-status={branch.status}>
        {children.length > 0 ? (
          <button
            type="button"
            className="toggle"
            aria-expanded={open}
            aria-controls={groupId}
            aria-label={t(open ? 'branches.collapse' : 'branches.expand', { name: branch.name })}
            onClick={() => onToggle(branch.id)}
          >
            {open ? <MinusIcon /> : <PlusIcon />}
          </button>
        ) : (
          <span className="toggle-spacer" aria-hidden="true" />
        )}
        <span className="branch-label">
          <span className="branch-name">{branch.name}</span>
          <span className="small muted">
            {branch.code} · {t(`branchType.${branch.type}`)}
            {children.length > 0 && <> · {t('branches.children', { count: children.length })}</>}
          </span>
          {branch.status !== 'active' && (
            <span className="badge warn">{t(`branchStatus.${branch.status}`)}</span>
          )}
        </span>
        {branch.status === 'active' && (
          <button
            type="button"
            className="btn secondary small"
            aria-expanded={isEditing}
            onClick={() => onEdit(isEditing ? undefined : branch.id)}
          >
            {isEditing ? t('branches.doneEditing') : t('branches.edit')}
            <span className="visually-hidden">: {branch.name}</span>
          </button>
        )}
      </div>
      {isEditing && (
        <BranchEditor
          node={node}
          tree={tree}
          isRoot={node === tree}
          onDone={() => onEdit(undefined)}
          onAdded={() => onExpand(branch.id)}
        />
      )}
      {children.length > 0 && open && (
        <ul id={groupId}>
          {children.map((child) => (
            <TreeNode
              key={child.branch.id}
              node={child}
              tree={tree}
              expanded={expanded}
              onToggle={onToggle}
              editing={editing}
              onEdit={onEdit}
              onExpand={onExpand}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

type Action =
  | { kind: 'add'; code: string; name: string; type: BranchType }
  | { kind: 'rename'; name: string }
  | { kind: 'move'; parentId: string }
  | { kind: 'merge'; intoId: string }
  | { kind: 'close' };

function BranchEditor({
  node,
  tree,
  isRoot,
  onDone,
  onAdded,
}: {
  node: BranchNode;
  tree: BranchNode;
  isRoot: boolean;
  onDone: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const branch = node.branch;
  const prefix = `be-${branch.id}`;
  const [name, setName] = useState(branch.name);
  const [childCode, setChildCode] = useState(`${branch.code}-`);
  const [childName, setChildName] = useState('');
  const [childType, setChildType] = useState<BranchType>(childTypeOf(branch.type));
  const moves = moveTargets(tree, node);
  const merges = mergeTargets(tree, node);
  const [parentId, setParentId] = useState(moves[0]?.id ?? '');
  const [intoId, setIntoId] = useState(merges[0]?.id ?? '');
  const [confirmClose, setConfirmClose] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();

  const act = useMutation({
    mutationFn: async (action: Action): Promise<Branch> => {
      const path = { params: { path: { id: branch.id } } };
      switch (action.kind) {
        case 'add':
          return unwrap(
            await api.POST('/api/branches', {
              body: { code: action.code, name: action.name, type: action.type, parentId: branch.id },
            }),
          );
        case 'rename':
          return unwrap(await api.PATCH('/api/branches/{id}', { ...path, body: { name: action.name } }));
        case 'move':
          return unwrap(
            await api.POST('/api/branches/{id}/move', { ...path, body: { parentId: action.parentId } }),
          );
        case 'merge':
          return unwrap(
            await api.POST('/api/branches/{id}/merge', { ...path, body: { intoId: action.intoId } }),
          );
        case 'close':
          return unwrap(await api.POST('/api/branches/{id}/close', path));
      }
    },
    onSuccess: async (_result, action) => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'subtree'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'totals'] });
      setDone(t(`branches.done.${action.kind}`));
      if (action.kind === 'add') {
        setChildName('');
        setChildCode(`${branch.code}-`);
        onAdded();
      }
      if (action.kind === 'move' || action.kind === 'merge' || action.kind === 'close') onDone();
    },
  });
  const run = (event: FormEvent, action: Action, check?: () => string | undefined) => {
    event.preventDefault();
    const message = check?.();
    setProblem(message);
    setDone(undefined);
    if (!message) act.mutate(action);
  };

  return (
    <div
      className="card stack branch-editor"
      role="group"
      aria-label={t('branches.editorLabel', { name: branch.name })}
    >
      {act.isError && <ErrorBox error={act.error} />}
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {done && (
        <p className="alert info" role="status">
          {done}
        </p>
      )}
      <form
        className="row"
        onSubmit={(event) =>
          run(event, { kind: 'rename', name: name.trim() }, () =>
            name.trim() ? undefined : t('branches.nameRequired'),
          )
        }
      >
        <Field id={`${prefix}-name`} label={t('branches.rename')}>
          <input id={`${prefix}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <button type="submit" className="btn small" data-testid="branch-rename" disabled={act.isPending}>
          {t('branches.renameSubmit')}
        </button>
      </form>
      {branch.type !== 'cell' && (
        <form
          className="stack"
          onSubmit={(event) =>
            run(
              event,
              { kind: 'add', code: childCode.trim().toUpperCase(), name: childName.trim(), type: childType },
              () =>
                !childName.trim()
                  ? t('branches.nameRequired')
                  : !isBranchCode(childCode.trim().toUpperCase())
                    ? t('branches.codeInvalid')
                    : undefined,
            )
          }
        >
          <h3>{t('branches.addTitle')}</h3>
          <div className="row">
            <Field id={`${prefix}-child-name`} label={t('branches.childName')}>
              <input
                id={`${prefix}-child-name`}
                value={childName}
                onChange={(event) => setChildName(event.target.value)}
              />
            </Field>
            <Field id={`${prefix}-child-code`} label={t('branches.childCode')} hint={t('branches.codeHint')}>
              <input
                id={`${prefix}-child-code`}
                value={childCode}
                autoCapitalize="characters"
                spellCheck={false}
                aria-describedby={`${prefix}-child-code-hint`}
                onChange={(event) => setChildCode(event.target.value)}
              />
            </Field>
            <Field id={`${prefix}-child-type`} label={t('branches.childType')}>
              <select
                id={`${prefix}-child-type`}
                value={childType}
                onChange={(event) => setChildType(event.target.value as BranchType)}
              >
                {BRANCH_TYPES.filter((type) => type !== 'city_union').map((type) => (
                  <option key={type} value={type}>
                    {t(`branchType.${type}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <button type="submit" className="btn small" data-testid="branch-add" disabled={act.isPending}>
            {t('branches.addSubmit')}
          </button>
        </form>
      )}
      {!isRoot && (
        <>
          <form
            className="row"
            onSubmit={(event) =>
              run(event, { kind: 'move', parentId }, () => (parentId ? undefined : t('branches.pickTarget')))
            }
          >
            <Field id={`${prefix}-move`} label={t('branches.move')} hint={t('branches.moveHint')}>
              <select
                id={`${prefix}-move`}
                value={parentId}
                onChange={(event) => setParentId(event.target.value)}
              >
                {moves.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.name} ({target.code})
                  </option>
                ))}
              </select>
            </Field>
            <button
              type="submit"
              className="btn small"
              data-testid="branch-move"
              disabled={act.isPending || moves.length === 0}
            >
              {t('branches.moveSubmit')}
            </button>
          </form>
          <form
            className="row"
            onSubmit={(event) =>
              run(event, { kind: 'merge', intoId }, () => (intoId ? undefined : t('branches.pickTarget')))
            }
          >
            <Field id={`${prefix}-merge`} label={t('branches.merge')} hint={t('branches.mergeHint')}>
              <select
                id={`${prefix}-merge`}
                value={intoId}
                onChange={(event) => setIntoId(event.target.value)}
              >
                {merges.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.name} ({target.code})
                  </option>
                ))}
              </select>
            </Field>
            <button
              type="submit"
              className="btn small secondary"
              disabled={act.isPending || merges.length === 0}
            >
              {t('branches.mergeSubmit')}
            </button>
          </form>
          {confirmClose ? (
            <div className="row">
              <span>{t('branches.closeConfirmText', { name: branch.name })}</span>
              <button
                type="button"
                className="btn small danger"
                disabled={act.isPending}
                onClick={() => act.mutate({ kind: 'close' })}
              >
                {t('branches.closeConfirm')}
              </button>
              <button type="button" className="btn small secondary" onClick={() => setConfirmClose(false)}>
                {t('branches.cancel')}
              </button>
            </div>
          ) : (
            <div>
              <button type="button" className="btn small danger" onClick={() => setConfirmClose(true)}>
                {t('branches.close')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
